using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Parvis.Web.Shared;

/// <summary>
/// One form field the same way everywhere: label, hint, the privacy note for personal data (why it is
/// asked, who sees it, how long it is kept), the input holding what was typed, and the error next to it.
/// <c>&lt;field for="Input.Title" hint="(text key)" privacy="(text key)" type="textarea" /&gt;</c>
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper(IStringLocalizer<SharedText> text) : TagHelper
{
    public ModelExpression For { get; set; } = default!;
    public string? Hint { get; set; }
    public string? Privacy { get; set; }

    /// <summary>text, email, password, search, number, date, datetime-local, color, file, textarea or select.</summary>
    public string Type { get; set; } = "text";

    /// <summary>The choices of a select (grouped by their Group); the one whose value is the field's is selected.</summary>
    public IEnumerable<SelectListItem> Options { get; set; } = [];

    public string? Autocomplete { get; set; }

    /// <summary>For a text: the id of a datalist whose options the browser suggests, typing anything else still allowed.</summary>
    public string? List { get; set; }

    /// <summary>For a file: the kinds of file offered by the picker (".csv,.xlsx").</summary>
    public string? Accept { get; set; }

    /// <summary>For the one field a page exists to fill, typed into again and again (the facilitator's entry).</summary>
    public bool Autofocus { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var entry = ViewContext.ModelState.TryGetValue(name, out var state) ? state : null;
        var errors = entry?.Errors.Select(e => e.ErrorMessage).Where(m => m.Length > 0).ToList() ?? [];
        var required = For.Metadata.ValidatorMetadata.OfType<RequiredAttribute>().Any();
        var maxLength = For.Metadata.ValidatorMetadata.OfType<StringLengthAttribute>().FirstOrDefault()?.MaximumLength;
        var described = new List<string>();

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field");

        var label = new TagBuilder("label");
        label.Attributes["for"] = id;
        label.InnerHtml.Append(For.Metadata.DisplayName ?? For.Name);
        if (required)
        {
            label.InnerHtml.Append(" " + text["Form.RequiredMark"]);
        }
        output.Content.AppendHtml(label);

        AppendNote(output, Hint, "hint", id + "-hint", described);
        AppendNote(output, Privacy, "privacy-note", id + "-privacy", described);

        if (errors.Count > 0)
        {
            var error = new TagBuilder("p");
            error.AddCssClass("field-error");
            error.Attributes["id"] = id + "-error";
            error.InnerHtml.Append(string.Join(" ", errors));
            output.Content.AppendHtml(error);
            described.Add(id + "-error");
        }

        var input = new TagBuilder(Type is "textarea" or "select" ? Type : "input");
        input.Attributes["id"] = id;
        input.Attributes["name"] = name;
        // What the person typed comes back from the model state, so a rejected form loses nothing.
        var value = Type is "password" or "file" ? null : entry?.AttemptedValue ?? Format(For.Model);
        if (Type == "textarea")
        {
            input.InnerHtml.Append(value ?? "");
        }
        else if (Type == "select")
        {
            // Choices with a group are gathered under an optgroup labelled with its name, in order of appearance.
            foreach (var group in Options.GroupBy(choice => choice.Group?.Name))
            {
                var parent = input;
                if (group.Key is not null)
                {
                    parent = new TagBuilder("optgroup");
                    parent.Attributes["label"] = group.Key;
                    input.InnerHtml.AppendHtml(parent);
                }
                foreach (var choice in group)
                {
                    var option = new TagBuilder("option");
                    option.Attributes["value"] = choice.Value;
                    if (choice.Value == (value ?? ""))
                    {
                        option.Attributes["selected"] = "selected";
                    }
                    option.InnerHtml.Append(choice.Text);
                    parent.InnerHtml.AppendHtml(option);
                }
            }
        }
        else
        {
            input.TagRenderMode = TagRenderMode.SelfClosing;
            input.Attributes["type"] = Type;
            if (value is not null)
            {
                input.Attributes["value"] = value;
            }
        }
        if (maxLength is { } max && Type != "select")
        {
            input.Attributes["maxlength"] = max.ToString(CultureInfo.InvariantCulture);
        }
        if (required)
        {
            input.Attributes["aria-required"] = "true";
        }
        if (errors.Count > 0)
        {
            input.Attributes["aria-invalid"] = "true";
            input.AddCssClass("input-validation-error");
        }
        if (Autofocus)
        {
            input.Attributes["autofocus"] = "autofocus";
        }
        if (Accept is not null)
        {
            input.Attributes["accept"] = Accept;
        }
        if (Autocomplete is not null)
        {
            input.Attributes["autocomplete"] = Autocomplete;
        }
        if (List is not null)
        {
            input.Attributes["list"] = List;
        }
        if (described.Count > 0)
        {
            input.Attributes["aria-describedby"] = string.Join(" ", described);
        }
        output.Content.AppendHtml(input);
    }

    private void AppendNote(TagHelperOutput output, string? key, string cssClass, string id, List<string> described)
    {
        if (key is null)
        {
            return;
        }
        var note = new TagBuilder("p");
        note.AddCssClass(cssClass);
        note.Attributes["id"] = id;
        note.InnerHtml.Append(text[key]);
        output.Content.AppendHtml(note);
        described.Add(id);
    }

    private static string? Format(object? model) => model switch
    {
        null => null,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => model.ToString(),
    };
}
