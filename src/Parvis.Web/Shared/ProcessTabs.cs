namespace Parvis.Web.Shared;

/// <summary>The tabs over what came out of a process: the process itself, then each page of its outcome.</summary>
/// <param name="Slug">The process's address.</param>
/// <param name="Title">The process's title, the first tab.</param>
/// <param name="Current">The path of the page shown after the process's address (<see cref="All"/>).</param>
public sealed record ProcessTabs(string Slug, string Title, string Current)
{
    public const string Fates = "/fates";
    public const string Synthesis = "/synthesis";
    public const string Grids = "/grids";
    public const string Results = "/results";
    public const string Report = "/report";
    public const string Journal = "/journal";
    public const string OpenData = "/open-data";

    /// <summary>Each tab's path after the process's address and its text key; the process itself has its title.</summary>
    public static readonly IReadOnlyList<(string Path, string? TextKey)> All =
    [
        ("", null),
        (Fates, "Fates.Title"),
        (Synthesis, "Synthesis.Title"),
        (Grids, "Grids.Title"),
        (Results, "Results.Title"),
        (Report, "CouncilReport.Title"),
        (Journal, "Journal.Title"),
        (OpenData, "OpenData.Title"),
    ];
}
