using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Shared;

namespace Parvis.Web.Modules.Meetings.Pages;

/// <summary>
/// The meetings to come in every process of the organisation, narrowed by process, place or mode (a form sent by GET,
/// so a filtered agenda has its own address), with the calendar file of the same filter to subscribe to.
/// </summary>
public sealed class AgendaModel(ParvisDbContext db, CurrentOrganisation organisation, TimeProvider clock) : ParvisPageModel
{
    public const int Shown = 100;

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.AgendaProcess")]
    public string? Process { get; set; }

    [BindProperty(SupportsGet = true)]
    [StringLength(AgendaFilter.PlaceMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.AgendaPlace")]
    public string? Place { get; set; }

    [BindProperty(SupportsGet = true)]
    [Display(Name = "Field.AgendaMode")]
    public MeetingMode? Mode { get; set; }

    public IReadOnlyList<SelectListItem> ProcessChoices { get; private set; } = [];

    /// <summary>The published processes by id: each meeting's line names its own.</summary>
    public IReadOnlyDictionary<Guid, (string Slug, string Title)> Processes { get; private set; } = new Dictionary<Guid, (string, string)>();

    public IReadOnlyList<SelectListItem> Modes =>
        [new(Text["Meetings.AnyMode"], ""), .. Enum.GetValues<MeetingMode>().Select(m => new SelectListItem(Text["MeetingMode." + m], m.ToString()))];

    public IReadOnlyList<Meeting> Coming { get; private set; } = [];

    /// <summary>What the agenda is narrowed to: each field that was understood (a refused one is shown with its message).</summary>
    public AgendaFilter Filter => new(Process,
        ModelState.GetFieldValidationState(nameof(Place)) == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid ? null : Place, Mode);

    public async Task<IActionResult> OnGetAsync()
    {
        var published = await db.Processes.AsNoTracking().Where(p => p.OrganisationId == organisation.Id && p.Published
                && p.Components.Any(c => c.Module == MeetingsModule.Key && c.Enabled))
            .OrderBy(p => p.Title).Select(p => new { p.Id, p.Slug, p.Title }).ToListAsync();
        ProcessChoices = [new(Text["Meetings.AnyProcess"], ""), .. published.Select(p => new SelectListItem(p.Title, p.Slug))];
        Processes = published.ToDictionary(p => p.Id, p => (p.Slug, p.Title));
        if (Process is not null && published.All(p => p.Slug != Process))
        {
            ModelState.AddModelError(nameof(Process), Text["Meetings.UnknownProcess"]);
            Process = null;
        }
        var now = clock.GetUtcNow();
        Coming = await MeetingAgenda.Of(db, organisation.Id, Filter).Where(m => m.EndsAt > now).OrderBy(m => m.StartsAt).Take(Shown).ToListAsync();
        return Page();
    }
}
