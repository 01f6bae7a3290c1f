using Functional.Domain.Settings;
using LanguageExt;
using LanguageExt.Common;
using static LanguageExt.Prelude;

namespace Functional.Domain.Data;

/// <summary>Inputs a saved model is asked to predict, one feature each.</summary>
public static class PredictionInputs
{
    /// <summary>Every value must be finite; each one that is not is named.</summary>
    public static Validation<Error, Floats> Create(string flag, float[] values)
    {
        var problems = toSeq(values)
            .Filter(value => !float.IsFinite(value))
            .Map(value => Error.New($"{flag} expects finite numbers such as 0.5, got {SettingChecks.Show(value)}"))
            .Strict();
        return problems.IsEmpty ? Success<Error, Floats>(Floats.Of(values)) : Fail<Error, Floats>(problems);
    }
}
