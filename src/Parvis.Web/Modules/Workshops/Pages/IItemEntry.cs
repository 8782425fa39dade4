using System.ComponentModel.DataAnnotations;

namespace Parvis.Web.Modules.Workshops.Pages;

/// <summary>
/// A page where an item is entered (the facilitator's console, a participant's phone): the fields
/// _ItemFields shows. Labels are declared here because the partial reads them from this type.
/// </summary>
public interface IItemEntry
{
    WorkshopBoard Board { get; }
    Guid EntryGroup { get; }
    ItemKind EntryKind { get; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(WorkshopItem.TextMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.ItemText")]
    string? ItemText { get; }

    [Display(Name = "Field.ItemParent")]
    Guid? ParentId { get; }

    ResourceStatus Status { get; }

    [StringLength(WorkshopItem.ActorMax, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Actor")]
    string? Actor { get; }
}
