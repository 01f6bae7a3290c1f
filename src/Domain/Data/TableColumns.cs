using System.Globalization;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Data;

/// <summary>
/// Which columns of a table are the model's inputs and which is its target, by position in the header and by name:
/// <c>--target NAME</c> (default: the last column) and <c>--features A,B,...</c> (default: every other column), as
/// <c>X = df[features].values</c> and <c>y = df[[target]].values</c> pick them in pandas.
/// </summary>
public sealed record TableColumns(Seq<string> Header, Seq<int> FeatureColumns, int TargetColumn)
{
    public int Features => FeatureColumns.Count;

    public Seq<string> FeatureNames => FeatureColumns.Map(i => Header[i]);

    public string TargetName => Header[TargetColumn];

    /// <summary>Every problem with the choice at once: names that are not columns, a target that is also a feature, columns without a usable name.</summary>
    public static Validation<Error, TableColumns> Choose(string path, Seq<string> header, Option<string> target, Option<Seq<string>> features)
    {
        var targetColumn = target.Match(
            Some: name => Column(path, header, "--target", name),
            None: () => Success<Error, int>(header.Count - 1));
        var featureColumns = features.Match(
            Some: names => Named(path, header, names),
            None: () => Success<Error, Seq<int>>(Seq<int>()));
        return (targetColumn, featureColumns)
            .Apply((targetAt, named) => new TableColumns(header, features.IsSome ? named : Others(header, targetAt), targetAt))
            .Bind(columns => Usable(path, columns, target.IsSome));
    }

    static Seq<int> Others(Seq<string> header, int target) => toSeq(Enumerable.Range(0, header.Count).Where(i => i != target)).Strict();

    static Validation<Error, Seq<int>> Named(string path, Seq<string> header, Seq<string> names)
    {
        var repeated = names.GroupBy(name => name, StringComparer.Ordinal).Where(group => group.Count() > 1)
            .Select(group => Error.New($"--features names '{group.Key}' {group.Count()} times; name each column once")).ToList();
        var columns = names.Map(name => Column(path, header, "--features", name));
        var problems = toSeq(repeated) + columns.Bind(column => column.Match(Succ: _ => Seq<Error>(), Fail: errors => errors));
        return problems.IsEmpty
            ? Success<Error, Seq<int>>(columns.Map(column => column.Match(Succ: i => i, Fail: _ => -1)).Strict())
            : Fail<Error, Seq<int>>(problems.Strict());
    }

    static Validation<Error, int> Column(string path, Seq<string> header, string flag, string name)
    {
        var at = header.ToList().IndexOf(name);
        return at >= 0
            ? Success<Error, int>(at)
            : Fail<Error, int>(Error.New(
                $"{flag} '{name}' is not a column of '{path}'; its columns are: {string.Join(", ", header)} (names are matched exactly, case included)"));
    }

    /// <summary>The chosen columns must be told apart by name, and there must be at least one input besides the target.</summary>
    static Validation<Error, TableColumns> Usable(string path, TableColumns columns, bool targetNamed)
    {
        var used = columns.FeatureColumns.Add(columns.TargetColumn);
        var problems = new List<Error>();
        if (columns.FeatureColumns.Exists(i => i == columns.TargetColumn))
            problems.Add(Error.New(
                $"{(targetNamed ? "--target" : "the target (without --target, the last column)")} '{columns.TargetName}' is also in --features; " +
                "a column is either an input or the target, so drop it from --features" + (targetNamed ? "" : " or name another target with --target")));
        if (columns.FeatureColumns.IsEmpty)
            problems.Add(Error.New(
                $"'{path}' has only the column '{columns.TargetName}', the target; it needs at least one input column besides it"));
        foreach (var i in used.Distinct())
        {
            var name = columns.Header[i];
            if (name.Length == 0)
                problems.Add(Error.New(
                    $"'{path}' line 1, column {Show(i + 1)}: the column has no name; name it in the header, or leave it out with --features " +
                    "(pandas' to_csv() writes its index there without a name: write the file with index=False)"));
            else if (columns.Header.Count(other => other == name) > 1)
                problems.Add(Error.New(
                    $"'{path}' line 1: the column name '{name}' appears {Show(columns.Header.Count(other => other == name))} times in the header; " +
                    "rename the columns so that each name is used once"));
        }
        return problems.Count == 0
            ? Success<Error, TableColumns>(columns)
            : Fail<Error, TableColumns>(toSeq(problems.DistinctBy(e => e.Message)).Strict());
    }

    static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);
}
