using Functional.Domain.Tensors;
using LanguageExt;

namespace Functional.Formats;

/// <summary>A state_dict read from a file, with anything the reader changed on the way (e.g. float64 narrowed to float32).</summary>
public sealed record LoadedStateDict(StateDict StateDict, Seq<string> Notes);
