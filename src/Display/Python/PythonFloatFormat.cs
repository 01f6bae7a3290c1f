using System.Numerics;
using System.Text;

namespace Functional.Display.Python;

/// <summary>
/// Python's <c>'{:.Nf}'</c> and <c>'{:.Ne}'</c> for a double: correctly rounded from the exact binary value,
/// ties to even. .NET's "F"/"E" formats round ties away from zero and follow the current culture, so the digits
/// are produced here from exact integer arithmetic instead.
/// </summary>
public static class PythonFloatFormat
{
    /// <summary>Python <c>format(value, '.{digits}f')</c>.</summary>
    public static string Fixed(double value, int digits)
    {
        if (NonFinite(value) is { } special) return special;
        var (numerator, denominator) = ExactRatio(Math.Abs(value));
        var scaled = RoundHalfEven(numerator * BigInteger.Pow(10, digits), denominator);
        return Sign(value) + InsertPoint(Digits(scaled), digits);
    }

    /// <summary>Python <c>format(value, '.{digits}e')</c>.</summary>
    public static string Scientific(double value, int digits)
    {
        if (NonFinite(value) is { } special) return special;
        if (value == 0) return Sign(value) + InsertPoint(new string('0', digits + 1), digits) + "e+00";

        var (numerator, denominator) = ExactRatio(Math.Abs(value));
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var lowest = BigInteger.Pow(10, digits);
        var beyond = lowest * 10;
        // Log10 may be off by one near powers of ten; the exact integer comparison settles the exponent.
        while (true)
        {
            var truncated = ScaleByPowerOfTen(numerator, denominator, digits - exponent, out var scaledDenominator) / scaledDenominator;
            if (truncated < lowest) exponent--;
            else if (truncated >= beyond) exponent++;
            else break;
        }

        var scaledNumerator = ScaleByPowerOfTen(numerator, denominator, digits - exponent, out var finalDenominator);
        var mantissa = RoundHalfEven(scaledNumerator, finalDenominator);
        if (mantissa >= beyond)
        {
            mantissa /= 10;
            exponent++;
        }

        return Sign(value) + InsertPoint(Digits(mantissa), digits) + ExponentText(exponent);
    }

    private static string? NonFinite(double value) =>
        double.IsNaN(value) ? "nan"
        : double.IsPositiveInfinity(value) ? "inf"
        : double.IsNegativeInfinity(value) ? "-inf"
        : null;

    // Python keeps the sign of negative zero and of negatives that round to zero ('-0.0000').
    private static string Sign(double value) => double.IsNegative(value) ? "-" : "";

    private static (BigInteger Numerator, BigInteger Denominator) ExactRatio(double magnitude)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var storedExponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        var (mantissa, binaryExponent) = storedExponent == 0
            ? (fraction, -1074)
            : (fraction | (1L << 52), storedExponent - 1075);
        return binaryExponent >= 0
            ? (new BigInteger(mantissa) << binaryExponent, BigInteger.One)
            : (new BigInteger(mantissa), BigInteger.One << -binaryExponent);
    }

    private static BigInteger ScaleByPowerOfTen(BigInteger numerator, BigInteger denominator, int power, out BigInteger scaledDenominator)
    {
        scaledDenominator = power >= 0 ? denominator : denominator * BigInteger.Pow(10, -power);
        return power >= 0 ? numerator * BigInteger.Pow(10, power) : numerator;
    }

    private static BigInteger RoundHalfEven(BigInteger numerator, BigInteger denominator)
    {
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        var twiceRemainder = remainder * 2;
        var roundUp = twiceRemainder > denominator || (twiceRemainder == denominator && !quotient.IsEven);
        return roundUp ? quotient + 1 : quotient;
    }

    private static string InsertPoint(string integerDigits, int digits)
    {
        if (digits == 0) return integerDigits;
        var padded = integerDigits.PadLeft(digits + 1, '0');
        return new StringBuilder(padded).Insert(padded.Length - digits, '.').ToString();
    }

    private static string Digits(BigInteger value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string ExponentText(int exponent) =>
        (exponent < 0 ? "e-" : "e+") + Math.Abs(exponent).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
}
