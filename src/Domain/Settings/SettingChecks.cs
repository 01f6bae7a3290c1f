using System.Globalization;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>One check per kind of flag value; each names the flag and what it got.</summary>
public static class SettingChecks
{
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static Validation<Error, double> StrictlyBetweenZeroAndOne(string flag, double value) =>
        double.IsFinite(value) && value > 0 && value < 1
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be between 0 and 1 (exclusive), got {Show(value)}"));

    /// <summary>The float32 range, as the messages name it.</summary>
    static string Float32Range => $"between {Show(float.MinValue)} and {Show(float.MaxValue)}";

    /// <summary>A float32 as C# and NumPy print it shortest (3.4028235E+38, not its double expansion).</summary>
    public static string Show(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A value used as float32 (a line's weight, bias, range): finite in float32, not only in double.</summary>
    public static Validation<Error, double> Float32(string flag, double value) =>
        float.IsFinite((float)value)
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a finite number that float32, the type it is used in, can hold ({Float32Range}); got {Show(value)}"));

    /// <summary>The learning rate: the optimiser steps in float32, so 1e308 (finite as a double) would overflow, and 1e-50 round to 0.</summary>
    public static Validation<Error, double> PositiveFloat32(string flag, double value) =>
        float.IsFinite((float)value) && (float)value > 0
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New(
                $"{flag} must be a number greater than 0 that float32, the type it is used in, can hold (from {Show(float.Epsilon)} to {Show(float.MaxValue)}); got {Show(value)}"));

    public static Validation<Error, double> NonZeroFloat32(string flag, double value) =>
        float.IsFinite((float)value) && (float)value != 0
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a non-zero number that float32, the type it is used in, can hold ({Float32Range}); got {Show(value)}"));

    public static Validation<Error, int> Positive(string flag, int value) =>
        value > 0
            ? Success<Error, int>(value)
            : Fail<Error, int>(Error.New($"{flag} must be a whole number of at least 1, got {value}"));
}
