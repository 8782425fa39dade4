using Parvis.Web.Kernel.Accountability;

namespace Parvis.Web.Pages.Synthesis;

/// <summary>The cited sentences of a summary, with a button to take each out while it is a draft.</summary>
public sealed record CitationsView(IReadOnlyList<CitationView> Citations, bool Removable);
