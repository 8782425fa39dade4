using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.Permissions;

namespace Parvis.Web.Modules.OpinionMaps.Pages;

/// <summary>A circle of the map: how many participants of one group, firmly or uncertainly in it, sit in one cell of the grid.</summary>
public sealed record MapDot(double X, double Y, double Radius, int Group, bool Uncertain, int Count);

public sealed class ShowModel(ParvisDbContext db, CurrentOrganisation organisation, Authorizer authorizer) : OpinionMapPage(db, organisation, authorizer)
{
    /// <summary>Side of the SVG drawing, in user units.</summary>
    public const double Size = 400;

    private const int Cells = 24;

    public IReadOnlyList<MapDot> Dots { get; private set; } = [];
    public (double X, double Y)? You { get; private set; }
    public IReadOnlyList<(double X, double Y, string Name)> GroupLabels { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }
        Draw();
        return Page();
    }

    /// <summary>
    /// Participants are binned on a grid, one circle per group, cell and firmness with an area proportional
    /// to the count, so that the drawing stays light with a hundred thousand participants.
    /// </summary>
    private void Draw()
    {
        var placed = Result?.Placed.Where(p => p.Group >= 0).ToList() ?? [];
        if (placed.Count == 0)
        {
            return;
        }
        var extent = Math.Max(1e-9, placed.Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y))));
        double Scale(double value) => Size / 2 + value / extent * (Size / 2 - 12);
        int Cell(double value) => Math.Clamp((int)(Scale(value) / Size * Cells), 0, Cells - 1);
        var firmFrom = Result!.Parameters.FirmFrom;
        var counts = placed.GroupBy(p => (X: Cell(p.X), Y: Cell(p.Y), p.Group, Uncertain: p.Confidence < firmFrom))
            .Select(g => (g.Key, Count: g.Count())).ToList();
        var largest = counts.Max(c => c.Count);
        // Uncertain circles come first, so that firm ones are drawn over them.
        Dots = counts.OrderByDescending(c => c.Key.Uncertain).Select(c => new MapDot(
            (c.Key.X + 0.5) * Size / Cells, (c.Key.Y + 0.5) * Size / Cells,
            2 + 6 * Math.Sqrt((double)c.Count / largest), c.Key.Group, c.Key.Uncertain, c.Count)).ToList();
        GroupLabels = Result!.Groups.Select(g => (Scale(g.CentreX), Scale(g.CentreY), GroupName(g.Label))).ToList();
        if (MyPlace is { Group: >= 0 } me)
        {
            You = (Scale(me.X), Scale(me.Y));
        }
    }
}
