using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Accountability.Report;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Processes;

namespace Parvis.Web.Kernel.Contributions;

/// <summary>
/// A module's answer to "which of your contributions to this process await a fate?" (a withdrawn
/// proposal or a statement still in moderation does not), so the kernel counts across modules
/// without knowing their rules. Hidden and erased contributions are left out by the kernel.
/// </summary>
public interface IContributionSource
{
    IQueryable<Guid> AwaitingFate(ParvisDbContext db, Process process);

    /// <summary>Its contributions that belong to a theme of the process (a comment: its proposal's theme).</summary>
    IQueryable<Guid> InTheme(ParvisDbContext db, Guid themeId);

    /// <summary>
    /// Its contributions no one may read by themselves yet, wherever they would be reached (their address, fates, the
    /// report, open data): those within another one moderation hid (a comment of a hidden proposal), or within something
    /// whose answers stay unread until it ends (a survey still running); none by default.
    /// </summary>
    IQueryable<Guid>? Withheld(ParvisDbContext db) => null;

    /// <summary>Its own items that are no contributions (a debate) but that moderation hid: news of them is told no more; none by default.</summary>
    IQueryable<Guid>? HiddenItems(ParvisDbContext db) => null;

    /// <summary>
    /// Why the process may not close yet, as an interface text key, while something of the module still takes what will
    /// await a fate and is withheld until it ends (a survey still running); none by default.
    /// </summary>
    Task<string?> StillOpenAsync(ParvisDbContext db, Process process) => Task.FromResult<string?>(null);

    /// <summary>Its participation figures for the report's method section, as (interface text key, count).</summary>
    Task<IReadOnlyList<(string Key, int Count)>> FiguresAsync(ParvisDbContext db, Process process);

    /// <summary>
    /// Tables for the report's method section (meetings with their dates, places and attendance); none by default.
    /// What staff wrote is in <paramref name="written"/>, the organisation's language: the tables say so of its columns.
    /// </summary>
    Task<IReadOnlyList<ReportTable>> MethodAsync(ParvisDbContext db, Process process, IStringLocalizer text, string written) =>
        Task.FromResult<IReadOnlyList<ReportTable>>([]);

    /// <summary>
    /// A contribution merged into another: what people gave the first (supports) goes to the second where the module
    /// allows it, once each, within the analyst's transaction. Nothing by default.
    /// </summary>
    Task CarryOverAsync(ParvisDbContext db, Contribution merged, Guid into) => Task.CompletedTask;

    /// <summary>A merge undone (another fate given): what was carried over comes back. Nothing by default.</summary>
    Task CarryBackAsync(ParvisDbContext db, Contribution merged) => Task.CompletedTask;
}
