using System.Globalization;

namespace Functional.Tests.Properties.Printing;

/// <summary>Runs code under de-DE, where .NET writes 0,757 by default: Python's output never changes with the locale.</summary>
internal static class GermanCulture
{
    public static T Run<T>(Func<T> action)
    {
        var saved = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
