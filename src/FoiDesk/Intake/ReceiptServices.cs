using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiDesk.Intake;

/// <summary>Receipt dated from evidence (issue 14 item 4): the officer's correction of a received date.</summary>
public static class ReceiptServices
{
    /// <param name="configuration">Unused today: the evidence rules read FoiDesk:Intake:OwnMailHosts through <see cref="IntakeOptions"/>.</param>
    public static IServiceCollection AddReceiptEvidence(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSingleton<ReceiptCorrection>();
    }
}
