using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Modules;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>What the workshop's pages share: the board (the workshop, its process, what the groups produced).</summary>
public abstract class WorkshopPage(ParvisDbContext db, CurrentOrganisation organisation) : ParvisPageModel, IProcessPage
{
    public WorkshopBoard Board { get; private set; } = default!;

    protected ParvisDbContext Db => db;
    protected CurrentOrganisation Organisation => organisation;
    public Workshop Workshop => Board.Workshop;

    /// <summary>Null until the board is loaded.</summary>
    public Process? Process => Board?.Process;

    protected async Task<bool> LoadBoardAsync(Guid id)
    {
        if (await WorkshopBoard.LoadAsync(db, organisation.Id, id) is not { } board)
        {
            return false;
        }
        Board = board;
        return true;
    }

    /// <summary>The address a participant opens to join, for the code's QR image and for reading aloud.</summary>
    public string JoinUrl => organisation.Link($"/w/{Workshop.JoinCode}");
}
