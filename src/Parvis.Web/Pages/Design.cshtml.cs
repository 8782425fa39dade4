using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.Organisations;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Permissions;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages;

/// <summary>
/// The living style page: every component of Parvis's design system as pages use it, with the tokens it is built on and
/// the organisation's accent checked against white. For staff, who build pages and choose the accent.
/// </summary>
public sealed class DesignModel(Authorizer authorizer, CurrentOrganisation organisation) : ParvisPageModel
{
    /// <summary>The colour tokens of site.css, each with what it is for (Design.Colour.{name}).</summary>
    public static readonly IReadOnlyList<(string Name, string Hex)> Colours =
    [
        ("text", "#1a1a1a"), ("muted", "#4a4a4a"), ("line", "#c8c8c8"), ("bg-soft", "#f3f4f6"), ("error", "#a4000f"), ("ok", "#0b6b2e"),
        ("field", "#595959"), ("focus-halo", "#ffd400"), ("removed", "#6e0b05"), ("removed-bg", "#fde2e1"), ("added", "#0b4d1c"), ("added-bg", "#dcf1e0"),
        ("group-0", "#1d4f91"), ("group-1", "#a3340c"), ("group-2", "#2e6b30"), ("group-3", "#6b3fa0"), ("group-4", "#7a5c00"),
        ("map-land", "#f2efe9"), ("map-water", "#b5d0e8"), ("map-green", "#d3e5c1"), ("map-road", "#fff"), ("map-major-road", "#f3d19c"), ("map-rail", "#8a8a8a"),
    ];

    public string Accent => organisation.Value.AccentColour;

    public async Task<IActionResult> OnGetAsync()
    {
        if (authorizer.PersonId is null)
        {
            return Challenge();
        }
        return (await authorizer.RolesAsync()).Any(PersonRules.IsStaff) ? Page() : Forbid();
    }

    /// <summary>"7.2 : 1", the contrast of a colour on white.</summary>
    public static string Contrast(string hex) => (Kernel.Organisations.Colours.ContrastWithWhite(hex) ?? 0).ToString("0.0", System.Globalization.CultureInfo.CurrentCulture);
}
