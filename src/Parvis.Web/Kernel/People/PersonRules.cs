using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Parvis.Web.Kernel.People;

public static class PersonRules
{
    public const int PseudonymMin = 3;
    public const int PseudonymMax = 40;
    public const int PasswordMin = 10;

    /// <summary>The roles of <see cref="IsStaff"/>.</summary>
    public static readonly Role[] StaffRoles = [Role.Administrator, Role.ProcessManager, Role.Moderator];

    /// <summary>
    /// Staff roles reach other people's data or decide for them: they act only in a session opened with a second
    /// factor, so a password guessed or phished alone reaches nobody's data.
    /// </summary>
    public static bool IsStaff(Role role) => StaffRoles.Contains(role);

}

/// <summary>
/// A pseudonym others will read: no control or invisible character, by which one name passes for another (« Camille »
/// and « Camille » with a zero-width space) or breaks what carries it (a line break in a file's name).
/// </summary>
public sealed class PseudonymAttribute : ValidationAttribute
{
    public PseudonymAttribute() => ErrorMessage = "Validation.PseudonymCharacters";

    public override bool IsValid(object? value) => value is not string text || text.EnumerateRunes().All(Visible);

    /// <summary>Letters that show nothing (the Hangul fillers, the combining grapheme joiner) are refused as the invisible categories are.</summary>
    private static readonly int[] _blankLetters = [0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0];

    private static bool Visible(System.Text.Rune rune) => !_blankLetters.Contains(rune.Value) && System.Text.Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        Web.LocalisedValidation.Result(IsValid(value), ErrorMessage, validationContext);
}
