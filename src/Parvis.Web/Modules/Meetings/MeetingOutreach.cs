using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// A desk held in a commune the process barely heard: a meeting there in two weeks at ten, its place the commune
/// until staff name one, its description saying why; staff land on its edit page to set its date, place and programme.
/// </summary>
public sealed class MeetingOutreach : IOutreach
{
    public string LabelKey => "Meetings.Outreach";

    public async Task<(CommandResult Result, string? Next)> CreateAsync(IServiceProvider services, Process process, ProcessComponent component, string commune, string reason)
    {
        var text = services.GetRequiredService<IStringLocalizer<SharedText>>();
        var clock = services.GetRequiredService<TimeProvider>();
        // Ten o'clock on that day, at that day's offset: a change to summer time in between does not move it.
        var day = clock.GetLocalNow().Date.AddDays(14).AddHours(10);
        var startsAt = new DateTimeOffset(day, clock.LocalTimeZone.GetUtcOffset(day));
        var commands = services.GetRequiredService<MeetingCommands>();
        // The button pressed twice (a double click, a second tab, in either language) sets up one desk: the one set up
        // for that day and commune is completed.
        var created = await commands.HeldAsync(process.Id, component.Id, startsAt, commune) is { } planned
            ? CommandResult.Done(planned)
            : await commands.CreateAsync(process.Id, component.Id, text["Meetings.Outreach.Title", commune], startsAt, MeetingMode.InPerson, "single", reason, commune);
        return (created, created.Succeeded ? $"/meetings/{created.Id}/edit" : null);
    }
}
