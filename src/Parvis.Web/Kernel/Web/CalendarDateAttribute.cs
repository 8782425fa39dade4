using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Localization;

namespace Parvis.Web.Kernel.Web;

/// <summary>
/// A date or date and time a person means for something of theirs (a phase, a meeting, a vote): between 2000 and 2200.
/// Beyond, it is a typing slip, and adding days or a duration to it would leave what the calendar holds.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class CalendarDateAttribute : ValidationAttribute
{
    public const int FirstYear = 2000;
    public const int LastYear = 2200;

    public CalendarDateAttribute() => ErrorMessage = "Validation.Calendar";

    public override bool IsValid(object? value) => value switch
    {
        DateOnly date => date.Year is >= FirstYear and <= LastYear,
        DateTime time => time.Year is >= FirstYear and <= LastYear,
        _ => true,
    };

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        LocalisedValidation.Result(IsValid(value), ErrorMessage, validationContext);
}

/// <summary>
/// MVC localises only the validation attributes it has adapters for: the others say their message in the reader's
/// language through this.
/// </summary>
public static class LocalisedValidation
{
    public static ValidationResult? Result(bool valid, string? key, ValidationContext context) =>
        valid ? ValidationResult.Success
            : new ValidationResult(context.GetService(typeof(IStringLocalizer<Shared.SharedText>)) is IStringLocalizer text && key is not null ? text[key].Value : key,
                context.MemberName is { } member ? [member] : null);
}
