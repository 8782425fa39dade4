using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>What the meeting's pages share: the meeting with its sites in order, and its process.</summary>
public abstract class MeetingPage(ParvisDbContext db, CurrentOrganisation organisation, ProcessAccess processes) : ParvisPageModel, IProcessPage
{
    public Meeting Meeting { get; private set; } = default!;
    public Process Process { get; private set; } = default!;
    public IReadOnlyList<MeetingSite> Sites => Meeting.Sites;

    /// <summary>Its set of meetings.</summary>
    public ProcessComponent Component { get; private set; } = default!;

    public Guid? ComponentId => Component?.Id;

    public string ListAddress => MeetingsModule.ListAddress(Process, Component.Id);

    protected ParvisDbContext Db => db;
    protected CurrentOrganisation Organisation => organisation;

    protected async Task<bool> LoadMeetingAsync(Guid id)
    {
        var meeting = await db.Meetings.AsNoTracking().Include(m => m.Sites).FirstOrDefaultAsync(m => m.Id == id && m.OrganisationId == organisation.Id);
        var process = meeting is null ? null : await processes.FindAsync(meeting.ProcessId, MeetingsModule.Key, meeting.ComponentId);
        if (meeting is null || process?.Component(meeting.ComponentId) is not { } component)
        {
            return false;
        }
        meeting.Sites = meeting.Sites.OrderBy(s => s.Position).ToList();
        (Meeting, Process, Component) = (meeting, process, component);
        return true;
    }

    /// <summary>The process's themes, for attaching what was said to one.</summary>
    protected Task<List<Theme>> ThemesAsync() => db.Themes.AsNoTracking().Where(t => t.ProcessId == Process.Id).OrderBy(t => t.Position).ToListAsync();
}
