using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Parvis.OpinionMaps;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.OpinionMaps.Pages;

/// <summary>What the map's public pages share: the map, its process, its visible statements, the latest result and "you".</summary>
public abstract class OpinionMapPage(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : ParvisPageModel, IProcessPage
{
    public OpinionMap Map { get; private set; } = default!;
    public Process Process { get; private set; } = default!;

    public Guid? ComponentId => Map?.ComponentId;
    public IReadOnlyDictionary<long, Statement> Statements { get; private set; } = new Dictionary<long, Statement>();
    public OpinionMapResult? Result { get; private set; }
    public Decision Decision { get; private set; }

    /// <summary>The signed-in person's number in this map, if they voted.</summary>
    public OpinionParticipant? Me { get; private set; }

    public PlacedParticipant? MyPlace => Me is null ? null : Result?.Placed.FirstOrDefault(p => p.Id == Me.Number);

    public static string GroupName(int label) => ((char)('A' + label)).ToString();

    protected ParvisDbContext Db => db;

    protected async Task<bool> LoadAsync(Guid id)
    {
        var map = await db.OpinionMaps.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.OrganisationId == organisation.Id);
        var process = map is null ? null : await db.Processes.AsNoTracking().Include(p => p.Phases)
            .FirstOrDefaultAsync(p => p.Id == map.ProcessId && p.Published);
        if (map is null || process is null)
        {
            return false;
        }
        Map = map;
        Process = process;
        Statements = (await db.Statements.AsNoTracking()
            .Where(s => s.OpinionMapId == id && s.PublishedAt != null && s.HiddenAt == null && s.ErasedAt == null)
            .ToListAsync()).ToDictionary(s => s.Number);
        Result = map.Result is null ? null : JsonSerializer.Deserialize<OpinionMapResult>(map.Result, OpinionMapCommands.Json);
        Decision = await authorizer.DecideAsync(OpinionMapsPermissions.Contribute, process, map.ComponentId, map.PhaseId);
        if (authorizer.PersonId is { } personId)
        {
            Me = await db.OpinionParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.OpinionMapId == id && p.PersonId == personId);
        }
        return true;
    }
}
