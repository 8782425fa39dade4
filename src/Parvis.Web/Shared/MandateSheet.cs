using Parvis.Web.Kernel.Mediation;

namespace Parvis.Web.Shared;

/// <summary>
/// A mandate on paper and on screen (the _Mandate partial): its terms, the consent it stands for, and its journal. The
/// same for the person's page, the mediator's and the attestation handed over at a desk.
/// </summary>
/// <param name="View">The mandate.</param>
/// <param name="Acts">Its journal, oldest first.</param>
/// <param name="Now">The moment its state is told for.</param>
/// <param name="ClaimCode">A held account's fresh claim code, printed once on the attestation.</param>
/// <param name="Level">The level of its journal's heading, under the page's own headings.</param>
public sealed record MandateSheet(MandateView View, IReadOnlyList<ActLine> Acts, DateTimeOffset Now, string? ClaimCode = null, int Level = 3);
