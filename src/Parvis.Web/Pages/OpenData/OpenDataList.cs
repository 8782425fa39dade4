using Parvis.Web.Kernel.OpenData;

namespace Parvis.Web.Pages.OpenData;

/// <summary>What the list of datasets shows, for the organisation or for one process (by its address).</summary>
public sealed record OpenDataList(IReadOnlyList<DatasetSummary> Datasets, Licence Licence, string Organisation, string? Process);
