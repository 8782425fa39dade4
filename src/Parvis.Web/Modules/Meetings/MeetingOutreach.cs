using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Contributions;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings;

/// <summary>
/// A desk held in a commune the process barely heard: a meeting there in two weeks at ten, its place the commune
/// until staff name one, its description saying why; staff complete it on its edit page before making it known.
/// </summary>
public sealed class MeetingOutreach : IOutreach
{
    public string LabelKey => "Meetings.Outreach";

    public async Task<(CommandResult Result, string? Next)> CreateAsync(IServiceProvider services, Process process, ProcessComponent component, string commune, string reason)
    {
        var text = services.GetRequiredService<IStringLocalizer<SharedText>>();
        var today = services.GetRequiredService<TimeProvider>().GetLocalNow();
        var startsAt = new DateTimeOffset(today.Date.AddDays(14).AddHours(10), today.Offset);
        var created = await services.GetRequiredService<MeetingCommands>()
            .CreateAsync(process.Id, component.Id, text["Meetings.Outreach.Title", commune], startsAt, MeetingMode.InPerson, "single", reason, commune);
        return (created, created.Succeeded ? $"/meetings/{created.Id}/edit" : null);
    }
}
