using LanguageExt.Common;
using LanguageExt;
using static LanguageExt.Prelude;

namespace Functional.Domain;

public static class Results
{
    /// <summary>Every collected problem as one failure (several become one <see cref="ManyErrors"/>).</summary>
    public static Fin<A> ToFin<A>(this Validation<Error, A> validation) =>
        validation.Match(
            Succ: FinSucc,
            Fail: errors => FinFail<A>(errors.Count == 1 ? errors.Head : Error.Many(errors)));
}
