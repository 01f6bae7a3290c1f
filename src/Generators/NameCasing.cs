using System.Text;

namespace Functional.Generators;

/// <summary>C# PascalCase to the snake_case PyTorch code would use for the same attribute.</summary>
public static class NameCasing
{
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            if (char.IsUpper(current) && i > 0 && StartsNewWord(name, i))
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(current));
        }
        return builder.ToString();
    }

    // "LinearLayer" splits before 'L'; "HTTPServer" splits before "Server", keeping the acronym whole.
    private static bool StartsNewWord(string name, int index)
    {
        var previous = name[index - 1];
        var nextIsLower = index + 1 < name.Length && char.IsLower(name[index + 1]);
        return previous != '_' && (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower));
    }
}
