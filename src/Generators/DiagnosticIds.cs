namespace Functional.Generators;

/// <summary>
/// The IDs of the model generator's diagnostics. An ID is never reused for another problem; each has a row in the
/// README's "Diagnostics" table, which its help link points to.
/// </summary>
public static class DiagnosticIds
{
    public const string ModelMustBePartial = "FMG001";
    public const string ModelMustBeRecord = "FMG002";
    public const string UnsupportedComponentType = "FMG003";
    public const string InvalidShape = "FMG004";
    public const string MissingForward = "FMG005";
    public const string InvalidForward = "FMG006";
    public const string DuplicateStateName = "FMG007";
    public const string ComponentWithoutAttribute = "FMG008";
    public const string InvalidStateName = "FMG009";
    public const string DuplicateModelKey = "FMG010";
    public const string ModelMustBeTopLevel = "FMG011";
    public const string ModelNameMissing = "FMG012";
    public const string InvalidModelKey = "FMG013";
    public const string ForwardNotTranslated = "FMG014";
    public const string MisplacedFeatures = "FMG015";
    public const string ModelLayerNotAlone = "FMG016";

    /// <summary>
    /// The README section of every diagnostic; each ID has its own anchor there (<c>README.md#fmg001</c>). Relative,
    /// because the repository has no published address: tools resolve it against the checkout.
    /// </summary>
    public const string HelpLinkBase = "README.md#";

    public static string HelpLink(string id) => HelpLinkBase + id.ToLowerInvariant();
}
