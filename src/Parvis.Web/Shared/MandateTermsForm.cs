using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Shared;

/// <summary>What the _MandateTerms partial shows: the terms posted so far, under their form's prefix, and the choices.</summary>
/// <param name="Input">The terms posted, or the defaults.</param>
/// <param name="Prefix">The form's property holding them.</param>
/// <param name="Structures">The structures to choose from.</param>
/// <param name="Processes">The open processes a mandate may be limited to.</param>
/// <param name="AskStructure">Whether the structure is chosen (a person choosing whom to ask) even when there is one.</param>
public sealed record MandateTermsForm(MandateTermsInput Input, string Prefix, IReadOnlyList<(Guid Id, string Name)> Structures,
    IReadOnlyList<(Guid Id, string Title)> Processes, bool AskStructure)
{
    /// <summary>
    /// A term the form cannot have sent (a process or a duration that is not among the choices) is said once, at the
    /// top, in the interface's words: the partial's fields have no message of their own.
    /// </summary>
    public static void SayInvalidTerms(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, string prefix, string message)
    {
        var invalid = state.Where(e => e.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }).Select(e => e.Key).ToList();
        if (invalid.Count == 0)
        {
            return;
        }
        invalid.ForEach(key => state.Remove(key));
        state.AddModelError("", message);
    }
}
