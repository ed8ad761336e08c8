/// The demo council: the example roster shipped as `examples/roster.json` (a test keeps the two equal).
enum DemoCouncil {
    static let rosterJSON = """
    {
      "council": {
        "name": "Demo District Council",
        "email": "briefings@example.gov.uk",
        "profile": "model",
        "overrides": { "roomBufferMinutes": 15 }
      },
      "approver": "o-ceo",
      "deputyApprover": "o-dce",
      "monitoringOfficer": "o-mo",
      "administrators": [
        { "id": "ds-admin", "name": "Dana Shah (Democratic Services)", "email": "democratic.services@example.gov.uk" }
      ],
      "groups": [
        { "id": "LAB", "name": "Labour Group", "leader": "m-patel", "controlling": true,
          "assistants": [ { "id": "pa-lab", "name": "Sam Reid", "email": "sam.reid@example.org" } ] },
        { "id": "CON", "name": "Conservative Group", "leader": "m-hughes" },
        { "id": "LD", "name": "Liberal Democrat Group", "leader": "m-evans",
          "assistants": [ { "id": "pa-ld", "name": "Robin Cole", "email": "robin.cole@example.org" } ] },
        { "id": "GRN", "name": "Green Group", "leader": "m-nowak" }
      ],
      "members": [
        { "id": "m-patel", "name": "Cllr Asha Patel", "email": "cllr.asha.patel@example.gov.uk", "group": "LAB" },
        { "id": "m-okafor", "name": "Cllr Tunde Okafor", "email": "cllr.tunde.okafor@example.gov.uk", "group": "LAB" },
        { "id": "m-brown", "name": "Cllr Jo Brown", "email": "cllr.jo.brown@example.gov.uk", "group": "LAB" },
        { "id": "m-hughes", "name": "Cllr Gareth Hughes", "email": "cllr.gareth.hughes@example.gov.uk", "group": "CON" },
        { "id": "m-lewis", "name": "Cllr Mary Lewis", "email": "cllr.mary.lewis@example.gov.uk", "group": "CON" },
        { "id": "m-evans", "name": "Cllr Rhian Evans", "email": "cllr.rhian.evans@example.gov.uk", "group": "LD" },
        { "id": "m-singh", "name": "Cllr Harpreet Singh", "email": "cllr.harpreet.singh@example.gov.uk", "group": "LD" },
        { "id": "m-nowak", "name": "Cllr Ewa Nowak", "email": "cllr.ewa.nowak@example.gov.uk", "group": "GRN" },
        { "id": "m-adams", "name": "Cllr Kit Adams", "email": "cllr.kit.adams@example.gov.uk", "group": "GRN" },
        { "id": "m-clarke", "name": "Prof. Helen Clarke (co-opted, Audit Committee)", "email": "helen.clarke@example.org", "kind": "co-opted" },
        { "id": "m-wood", "name": "Mr Peter Wood (co-opted, Labour Group)", "group": "LAB", "kind": "co-opted" }
      ],
      "officers": [
        { "id": "o-ceo", "name": "Catherine Moss", "email": "catherine.moss@example.gov.uk", "title": "Chief Executive", "grade": "chief-executive",
          "remit": ["all"], "hours": "Mon-Fri 08:30-17:30" },
        { "id": "o-dce", "name": "Ian Porter", "email": "ian.porter@example.gov.uk", "title": "Deputy Chief Executive", "grade": "deputy-chief-executive",
          "remit": ["all"], "hours": "Mon-Fri 08:30-17:30", "lineManager": "o-ceo" },
        { "id": "o-dir-place", "name": "Nadia Rahman", "email": "nadia.rahman@example.gov.uk", "title": "Director of Place", "grade": "director",
          "remit": ["planning", "housing", "transport"], "hours": "Mon-Fri 08:00-18:00", "lineManager": "o-ceo" },
        { "id": "o-ad-finance", "name": "Owen Price", "email": "owen.price@example.gov.uk", "title": "Assistant Director, Finance", "grade": "assistant-director",
          "remit": ["finance", "budget"], "hours": "Mon-Fri 09:00-17:00", "lineManager": "o-dce" },
        { "id": "o-hos-housing", "name": "Grace Kim", "email": "grace.kim@example.gov.uk", "title": "Head of Housing", "grade": "head-of-service",
          "remit": ["housing"], "hours": "Mon-Fri 08:30-17:00", "lineManager": "o-dir-place" },
        { "id": "o-mgr-planning", "name": "Leo Martin", "email": "leo.martin@example.gov.uk", "title": "Planning Policy Manager", "grade": "manager",
          "remit": ["planning"], "hours": "Mon-Fri 08:30-17:00", "lineManager": "o-dir-place" },
        { "id": "o-planner", "name": "Amy Turner", "email": "amy.turner@example.gov.uk", "title": "Senior Planning Officer", "grade": "officer",
          "remit": ["planning"], "hours": "Mon-Thu 09:00-17:00", "lineManager": "o-mgr-planning" },
        { "id": "o-mo", "name": "Richard Bell", "email": "richard.bell@example.gov.uk", "title": "Monitoring Officer and Head of Legal", "grade": "head-of-service",
          "remit": ["legal", "governance"], "hours": "Mon-Fri 08:30-17:30", "lineManager": "o-dce" }
      ],
      "rooms": [
        { "id": "cr1", "name": "Committee Room 1, Civic Centre", "capacity": 30 },
        { "id": "cr2", "name": "Committee Room 2, Civic Centre", "capacity": 12 },
        { "id": "chamber", "name": "Council Chamber", "capacity": 80 }
      ]
    }
    """

    /// A town council without political groups under the `002` profile (`examples/town-roster.json`): every
    /// councillor requests for themself and is offered what the others are, and the Town Clerk agrees.
    /// The written report the town demo's Facilities Officer attaches: facts, options and their merits, no recommendation.
    static let allotmentsReport = """
        Allotments: waiting list and plot rents (facts and options for Full Council)

        Facts: 64 plots, all let; 41 people on the waiting list, the longest waiting since 2023. A full plot's rent is
        £38 a year, unchanged since 2022; water and upkeep cost the council £3,100 last year.
        Options: (a) keep rents as they are; (b) raise rents by 10% to £42; (c) halve the largest plots to let 12 more.
        Merits for the council: (a) no change in income; (b) £256 a year more; (c) shortens the list by about a quarter.

        """

    static let townRosterJSON = """
    {
      "council": {
        "name": "Demo Town Council",
        "email": "town.briefings@example.gov.uk",
        "profile": "002"
      },
      "approver": "o-clerk",
      "deputyApprover": "o-deputy-clerk",
      "administrators": [
        { "id": "ds-admin", "name": "Pat Ellis (Council Administrator)", "email": "pat.ellis@example.gov.uk" }
      ],
      "groups": [],
      "members": [
        { "id": "c-ahmed", "name": "Cllr Yasmin Ahmed (Mayor)", "email": "cllr.yasmin.ahmed@example.gov.uk" },
        { "id": "c-barker", "name": "Cllr Tom Barker", "email": "cllr.tom.barker@example.gov.uk" },
        { "id": "c-cole", "name": "Cllr Linda Cole", "email": "cllr.linda.cole@example.gov.uk" },
        { "id": "c-dunn", "name": "Cllr Michael Dunn", "email": "cllr.michael.dunn@example.gov.uk" },
        { "id": "c-ford", "name": "Mrs Anne Ford (co-opted, Allotments)", "email": "anne.ford@example.org", "kind": "co-opted" }
      ],
      "officers": [
        { "id": "o-clerk", "name": "Helen Grant", "email": "helen.grant@example.gov.uk", "title": "Town Clerk (Proper Officer)", "grade": "chief-executive",
          "remit": ["all"], "hours": "Mon-Fri 09:00-17:00" },
        { "id": "o-deputy-clerk", "name": "Raj Patel", "email": "raj.patel@example.gov.uk", "title": "Deputy Town Clerk and Responsible Financial Officer",
          "grade": "head-of-service", "remit": ["finance", "facilities"], "hours": "Mon-Thu 09:00-17:00", "lineManager": "o-clerk" },
        { "id": "o-facilities", "name": "Sue Walsh", "email": "sue.walsh@example.gov.uk", "title": "Facilities Officer", "grade": "officer",
          "remit": ["facilities", "allotments"], "hours": "Mon-Fri 08:00-16:00", "lineManager": "o-deputy-clerk" }
      ],
      "rooms": [
        { "id": "chamber", "name": "Council Chamber, Town Hall", "capacity": 40 },
        { "id": "mayors-parlour", "name": "Mayor's Parlour, Town Hall", "capacity": 10 }
      ]
    }
    """
}
