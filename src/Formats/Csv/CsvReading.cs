using System.Globalization;
using nietras.SeparatedValues;

namespace Functional.Formats.Csv;

/// <summary>
/// How every CSV is read, as pandas' <c>read_csv</c> reads one by default where it matters for numbers: comma-separated,
/// the first row a header, quoted fields unquoted, numbers culture-invariant (a dot for decimals). Spaces around a value
/// or a name are dropped. Sep parses float64 with csFastFloat, correctly rounded like .NET's <c>double.Parse</c>.
/// </summary>
internal static class CsvReading
{
    public static SepReader Open(Stream stream) =>
        Sep.Reader(options => options with
        {
            Sep = new Sep(','),
            HasHeader = false,
            DisableColCountCheck = true,
            Unescape = true,
            Trim = SepTrim.All,
            CultureInfo = CultureInfo.InvariantCulture,
        }).From(stream, leaveOpen: true);

    public static string Show(long value) => value.ToString(CultureInfo.InvariantCulture);
}
