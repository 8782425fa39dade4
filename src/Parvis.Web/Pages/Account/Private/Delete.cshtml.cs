using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Parvis.Web.Kernel.People;
using Parvis.Web.Kernel.Privacy;
using Parvis.Web.Shared;

namespace Parvis.Web.Pages.Account.Private;

public sealed class DeleteModel(UserManager<Person> people, SignInManager<Person> signIn, PersonalData personalData) : ParvisPageModel
{
    [BindProperty]
    public ErasureChoice? Choice { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Choice is null)
        {
            ModelState.AddModelError(nameof(Choice), Text["Account.Delete.ChoiceRequired"]);
        }
        var person = (await people.GetUserAsync(User))!;
        if (ModelState.IsValid && !await people.CheckPasswordAsync(person, Password))
        {
            ModelState.AddModelError(nameof(Password), Text["Account.Delete.WrongPassword"]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await personalData.EraseAsync(person, Choice!.Value, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        Flash("Account.Delete.Done");
        return LocalRedirect("/");
    }
}
