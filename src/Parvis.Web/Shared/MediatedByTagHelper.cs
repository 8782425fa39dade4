using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Parvis.Web.Kernel.Data;
using Parvis.Web.Kernel.Organisations;

namespace Parvis.Web.Shared;

/// <summary>
/// "Entered with the help of (structure)" wherever something entered under a mandate shows:
/// <c>&lt;mediated-by structure="@x.MediatedById" /&gt;</c> writes nothing for what its author entered themselves.
/// The organisation's structures are read once per page.
/// </summary>
[HtmlTargetElement("mediated-by", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MediatedByTagHelper(DatabaseOnDemand database, CurrentOrganisation organisation, IStringLocalizer<SharedText> text, StructureNames names)
    : TagHelper
{
    public Guid? Structure { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (Structure is not { } id || await names.NameAsync(database.Context, organisation.Id, id) is not { } name)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "mediated");
        output.Content.SetContent(text["Mediation.EnteredWith", name]);
    }
}

/// <summary>The names of the organisation's mediation structures, read once per request when a page needs one.</summary>
public sealed class StructureNames
{
    private Dictionary<Guid, string>? _names;

    public async Task<string?> NameAsync(ParvisDbContext db, Guid organisationId, Guid id) => (await AllAsync(db, organisationId)).GetValueOrDefault(id);

    public async Task<IReadOnlyDictionary<Guid, string>> AllAsync(ParvisDbContext db, Guid organisationId) =>
        _names ??= await db.MediationStructures.AsNoTracking().Where(s => s.OrganisationId == organisationId).ToDictionaryAsync(s => s.Id, s => s.Name);
}
