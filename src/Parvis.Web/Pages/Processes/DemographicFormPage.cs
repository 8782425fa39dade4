using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Demographics;
using Parvis.Web.Kernel.Processes;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Processes;

/// <summary>A page of the optional questions about oneself: the person's own, or a paper form typed in; the same answers bound.</summary>
public abstract class DemographicFormPage : ParvisPageModel
{
    public Process Process { get; protected set; } = default!;
    public IReadOnlyList<string> Communes { get; protected set; } = [];

    [BindProperty]
    public string? AgeBand { get; set; }

    [BindProperty]
    public string? Gender { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Commune { get; set; }

    [BindProperty]
    public bool? FirstTime { get; set; }

    protected DemographicInput Input => new(AgeBand, Gender, Category, Commune, FirstTime);
}
