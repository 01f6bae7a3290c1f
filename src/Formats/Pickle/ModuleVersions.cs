using LanguageExt;

namespace Functional.Formats.Pickle;

/// <summary>
/// The state_dict's <c>_metadata</c>: PyTorch records <c>{"version": 1}</c> for every module in pre-order
/// (root "" first). Only modules that own parameters are visible from the keys, which is all the notebook's models have.
/// </summary>
internal static class ModuleVersions
{
    public const int DefaultModuleVersion = 1;

    public static Seq<string> ModulePrefixes(Seq<string> keys) =>
        new[] { "" }.Concat(keys.SelectMany(AncestorModules)).Distinct().ToSeq().Strict();

    private static IEnumerable<string> AncestorModules(string key)
    {
        var parts = key.Split('.');
        return Enumerable.Range(1, parts.Length - 1).Select(n => string.Join('.', parts.Take(n)));
    }
}
