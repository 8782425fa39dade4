using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Parvis.Web.Kernel.Email;

public static class MailAddresses
{
    /// <summary>
    /// The bare address a message can go to, or null. What the mail library cannot read ("x@.example.org") is refused
    /// here rather than after an account is stored; a display name or a comment ("Jo &lt;x@y.org&gt;", "x@y.org (1)")
    /// would make one mailbox several people.
    /// </summary>
    public static string? Bare(string? typed)
    {
        typed = typed?.Trim() ?? "";
        return typed.Length is 0 or > 254 || !MailboxAddress.TryParse(typed, out var mailbox) || !string.IsNullOrEmpty(mailbox.Name)
            || !string.Equals(mailbox.Address, typed, StringComparison.Ordinal) || !mailbox.Address.Contains('@', StringComparison.Ordinal)
            ? null : mailbox.Address;
    }
}

/// <summary>An e-mail field: valid when <see cref="MailAddresses.Bare"/> reads it; shown as type="email".</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MailboxAttribute() : DataTypeAttribute(DataType.EmailAddress)
{
    public override bool IsValid(object? value) => value is null || (value is string typed && MailAddresses.Bare(typed) is not null);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        Web.LocalisedValidation.Result(IsValid(value), ErrorMessage, validationContext);
}
