using FoiDesk.Accounts;

namespace FoiDesk.Web.Tests.Newcomer;

public sealed class StartOutputTests
{
    [Test]
    public void DemoAccounts_OneLinePerAccount_EachWithItsRoleAndPassword()
    {
        string[] lines =
        [
            "  Demo accounts, each with its own password:",
            "    officer@demo.foidesk.local        ig-officer     password: Abc-123",
            "    commissioner@demo.foidesk.local   commissioner   password: Def-456",
            "    manager@demo.foidesk.local        manager        password: Ghi-789",
        ];

        Assert.That(StartOutput.DemoAccounts(lines), Is.EqualTo(new[]
        {
            new DemoAccount("officer@demo.foidesk.local", Roles.IgOfficer, "Abc-123"),
            new DemoAccount("commissioner@demo.foidesk.local", Roles.Commissioner, "Def-456"),
            new DemoAccount("manager@demo.foidesk.local", Roles.Manager, "Ghi-789"),
        }));
    }

    [Test]
    public void DemoAccounts_OlderSharedPasswordLine_RolesFromTheAddresses()
    {
        string[] lines = ["  Demo accounts (password s3cret): officer@demo.foidesk.local, commissioner2@demo.foidesk.local, manager@demo.foidesk.local"];

        Assert.That(StartOutput.DemoAccounts(lines), Is.EqualTo(new[]
        {
            new DemoAccount("officer@demo.foidesk.local", Roles.IgOfficer, "s3cret"),
            new DemoAccount("commissioner2@demo.foidesk.local", Roles.Commissioner, "s3cret"),
            new DemoAccount("manager@demo.foidesk.local", Roles.Manager, "s3cret"),
        }));
    }

    [Test]
    public void AdminPassword_FirstStartBlock_TheOneTimePassword()
    {
        string[] lines = ["  First start: an administrator account was created.", "    email:              admin@foidesk.local", "    one-time password:  Xy-12_z"];

        Assert.That(StartOutput.AdminPassword(lines), Is.EqualTo("Xy-12_z"));
        Assert.That(StartOutput.AdminPassword(["nothing here"]), Is.Null);
    }
}
