using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Parvis.Web.Kernel.OpenData;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.OpenData;

/// <summary>
/// One dataset explained for people who are not data specialists: what a row is, how many there are, how they came in
/// month by month (a small chart, and its table), each field in words, the files and the API address.
/// </summary>
[EnableRateLimiting(Kernel.Web.RateLimits.OpenData)]
public sealed class DatasetModel(OpenDataService data, Kernel.Data.ParvisDbContext db) : ParvisPageModel
{
    /// <summary>The most months the chart shows: the latest ones, the earlier rows counted together before them.</summary>
    public const int MonthsShown = 24;

    public DatasetSummary Summary { get; private set; } = default!;

    public Licence Licence => data.Licence;

    public string? Process { get; private set; }

    /// <summary>Rows per month, oldest first; the first bar holds everything before the months shown, if any.</summary>
    public IReadOnlyList<(DateOnly Month, int Count, bool Earlier)> Months { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? process)
    {
        var dataset = data.Dataset(RouteValue("key"));
        if (dataset is null || await data.ScopeAsync(process) is not { } scope)
        {
            return NotFound();
        }
        Process = process;
        var cancellation = HttpContext.RequestAborted;
        Summary = await data.SummaryAsync(dataset, scope, process, cancellation);
        if (await dataset.SpanAsync(db, scope, cancellation) is { } span)
        {
            var last = Month(span.Last);
            var first = Month(span.First);
            var start = first > last.AddMonths(-(MonthsShown - 1)) ? first : last.AddMonths(-(MonthsShown - 1));
            var months = new List<(DateOnly, int, bool)>();
            if (start > first)
            {
                months.Add((start, await dataset.CountAsync(db, scope with { Until = Moment(start) }, cancellation), true));
            }
            for (var month = start; month <= last; month = month.AddMonths(1))
            {
                months.Add((month, await dataset.CountAsync(db, scope with { Since = Moment(month), Until = Moment(month.AddMonths(1)) }, cancellation), false));
            }
            Months = months;
        }
        return Page();
    }

    private static DateOnly Month(DateTimeOffset moment) => new(moment.UtcDateTime.Year, moment.UtcDateTime.Month, 1);

    private static DateTimeOffset Moment(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
