using System.Globalization;
using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain.Settings;

/// <summary>One check per kind of flag value; each names the flag and what it got.</summary>
public static class SettingChecks
{
    public static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static Validation<Error, double> Finite(string flag, double value) =>
        double.IsFinite(value)
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a finite number, got {Show(value)}"));

    public static Validation<Error, double> PositiveFinite(string flag, double value) =>
        double.IsFinite(value) && value > 0
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a finite number greater than 0, got {Show(value)}"));

    public static Validation<Error, double> NonZeroFinite(string flag, double value) =>
        double.IsFinite(value) && value != 0
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be a finite non-zero number, got {Show(value)}"));

    public static Validation<Error, double> StrictlyBetweenZeroAndOne(string flag, double value) =>
        double.IsFinite(value) && value > 0 && value < 1
            ? Success<Error, double>(value)
            : Fail<Error, double>(Error.New($"{flag} must be between 0 and 1 (exclusive), got {Show(value)}"));

    public static Validation<Error, int> Positive(string flag, int value) =>
        value > 0
            ? Success<Error, int>(value)
            : Fail<Error, int>(Error.New($"{flag} must be a whole number of at least 1, got {value}"));
}
