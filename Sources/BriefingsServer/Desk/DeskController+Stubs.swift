import Hummingbird

extension DeskController {
    func addOfferRoutes(to group: RouterGroup<DeskContext>) {}
    func addSessionRoutes(to group: RouterGroup<DeskContext>) {}
    func addOversightRoutes(to group: RouterGroup<DeskContext>) {}
    func addSubscribeRoutes(to group: RouterGroup<DeskContext>) {}
}
