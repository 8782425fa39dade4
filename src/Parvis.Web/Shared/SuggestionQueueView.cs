using Parvis.Web.Kernel.Analysis;
using Parvis.Web.Kernel.Contributions;

namespace Parvis.Web.Shared;

/// <summary>
/// Contributions with their suggested codes, to accept or reject one by one: a grid's cells or a process's themes,
/// each named by <see cref="Heading"/>, with the coded contribution it is most like (<see cref="Example"/>).
/// </summary>
public sealed record SuggestionQueueView(IReadOnlyList<SuggestedFor> Queue, Func<Suggestion, string> Heading, Func<Suggestion, Contribution?> Example, string Accept);
