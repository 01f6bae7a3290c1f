using System.Linq;
using System.Text;

namespace Functional.Generators;

/// <summary>The --model names: lowercase letters, digits and '-', starting with a letter, so they need no quoting in a shell.</summary>
public static class ModelKeys
{
    public static bool IsValid(string key) =>
        key.Length > 0 && key[0] is >= 'a' and <= 'z' && key.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    /// <summary>The key a [Model] without Key = "..." gets: its class name in kebab-case (LinearRegressionModel: linear-regression-model).</summary>
    public static string FromClassName(string className) => NameCasing.ToSnakeCase(className).Replace('_', '-');

    /// <summary>A valid key close to an invalid one, for the diagnostic's example.</summary>
    public static string Suggest(string key)
    {
        var text = new StringBuilder();
        foreach (var c in FromClassName(key))
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }
        var suggestion = text.ToString().Trim('-');
        return suggestion.Length > 0 && suggestion[0] is >= 'a' and <= 'z' ? suggestion : "model-" + suggestion.TrimStart('-');
    }
}
