using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// The framework requires every non-nullable property it binds, with its own English sentence ("The ItemText field is
/// required."): that requirement, and any [Required] written without a message, speaks the interface's text instead.
/// </summary>
public sealed class InterfaceRequiredMessage : IValidationMetadataProvider
{
    public const string Key = "Validation.Required";

    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        foreach (var required in context.ValidationMetadata.ValidatorMetadata.OfType<RequiredAttribute>())
        {
            if (required.ErrorMessage is null && required.ErrorMessageResourceName is null)
            {
                required.ErrorMessage = Key;
            }
        }
    }
}
