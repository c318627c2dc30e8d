using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Molecule.Events.Bus;
using Molecule.Events.Publishing;
using Molecule.Kernel.Events;

namespace Molecule.Events;

public static class EventsModule
{
    public static IServiceCollection AddEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEventBus, InProcessEventBus>();
        services.AddSingleton<IEventPublisher, EventPublisher>();
        return services;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
