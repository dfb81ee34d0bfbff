import { definePair, type Pair } from "./transcript";

// Customer service: the user gives an email (and maybe an order id, a date, an address) in chat;
// the agent looks the customer up, lists their orders or reservations, fetches or changes each,
// sometimes after the user says yes. Lists differ in length between the two runs.

const text = (v: unknown) => JSON.stringify(v);

type Reservation = { id: string; property: string; check_in: string; check_out: string; guests: number; code: string };

export function servicePairs(): Pair[] {
  return [
    definePair({
      domain: "customer service",
      name: "reservations-3-vs-4",
      about: "email from chat → customer → upcoming reservations → get each (3 vs 4)",
      label: "Reservation concierge",
      runs: [
        {
          startedAt: "2025-07-08T11:02:00Z",
          data: {
            email: "maria.lopez@example.com",
            customer: "cus_8KfT2a",
            name: "María López",
            reservations: [
              { id: "RSV-10231", property: "Casa Alfama, Lisbon", check_in: "2025-07-19", check_out: "2025-07-23", guests: 2, code: "4471" },
              { id: "RSV-10388", property: "Ribeira Loft, Porto", check_in: "2025-08-02", check_out: "2025-08-05", guests: 2, code: "9013" },
              { id: "RSV-10402", property: "Praia Verde Villa, Algarve", check_in: "2025-08-20", check_out: "2025-08-27", guests: 5, code: "2268" },
            ] as Reservation[],
          },
        },
        {
          startedAt: "2025-09-22T16:47:00Z",
          data: {
            email: "d.okafor@example.org",
            customer: "cus_3Rw9Qx",
            name: "David Okafor",
            reservations: [
              { id: "RSV-11870", property: "Canal House, Amsterdam", check_in: "2025-10-03", check_out: "2025-10-06", guests: 1, code: "5530" },
              { id: "RSV-11902", property: "Jordaan Studio, Amsterdam", check_in: "2025-10-06", check_out: "2025-10-08", guests: 1, code: "7781" },
              { id: "RSV-12044", property: "Dune Cabin, Texel", check_in: "2025-11-14", check_out: "2025-11-16", guests: 3, code: "1049" },
              { id: "RSV-12291", property: "Old Town Flat, Utrecht", check_in: "2025-12-20", check_out: "2025-12-27", guests: 4, code: "6602" },
            ] as Reservation[],
          },
        },
      ],
      play: (r, d) => {
        r.user(`Hi! Can you give me the details of all my upcoming reservations? My email is ${d.email}`);
        r.call("find_customer", { email: d.email }, { id: d.customer, name: d.name, email: d.email, since: "2023-04-11" });
        r.call(
          "list_reservations",
          { customer_id: d.customer, status: "upcoming" },
          { reservations: d.reservations.map(({ id, property, check_in }) => ({ id, property, check_in })), total: d.reservations.length },
        );
        for (const x of d.reservations)
          r.call("get_reservation", { reservation_id: x.id }, { id: x.id, property: x.property, check_in: x.check_in, check_out: x.check_out, guests: x.guests, door_code: x.code, status: "confirmed" });
        r.assistant(`You have ${d.reservations.length} upcoming reservations: ${d.reservations.map((x) => `${x.property} (${x.check_in} → ${x.check_out})`).join("; ")}.`);
      },
      user: (d) => [d.email],
    }),

    definePair({
      domain: "customer service",
      name: "shopify-orders-2-vs-5",
      about: "MCP tools answering JSON inside text: customer by email → orders → get each (2 vs 5)",
      label: "Where is my order",
      style: "openai",
      runs: [
        { startedAt: "2025-05-14T09:20:00Z", data: { email: "tomas.berg@example.se", customer: "gid://shopify/Customer/7290012118", orders: [5510021, 5512930] } },
        { startedAt: "2025-08-30T19:05:00Z", data: { email: "keiko.tanaka@example.jp", customer: "gid://shopify/Customer/7311870442", orders: [5630017, 5630951, 5641208, 5650333, 5652004] } },
      ],
      play: (r, d) => {
        r.user(`Where are my orders?? Nothing has arrived yet. Email: ${d.email}`);
        r.call("mcp__shopify__find_customer", { email: d.email }, text({ customers: [{ id: d.customer, email: d.email, orders_count: d.orders.length, state: "enabled" }] }));
        r.call(
          "mcp__shopify__list_orders",
          { customer_id: d.customer, status: "any", limit: 10 },
          text({ orders: d.orders.map((n, i) => ({ id: `gid://shopify/Order/${n}`, name: `#${1040 + n % 97 + i}`, financial_status: "paid", fulfillment_status: i === 0 ? "fulfilled" : null })) }),
        );
        for (const [i, n] of d.orders.entries())
          r.call(
            "mcp__shopify__get_order",
            { order_id: `gid://shopify/Order/${n}` },
            text({ order: { id: `gid://shopify/Order/${n}`, fulfillments: i === 0 ? [{ tracking_company: "PostNord", tracking_number: `00370${n}SE` }] : [], line_items: [{ title: "Linen shirt", quantity: 1 }] } }),
          );
        r.assistant("Your first order has shipped with PostNord; the others are still being packed.");
      },
      user: (d) => [d.email],
    }),

    definePair({
      domain: "customer service",
      name: "open-tickets-1-vs-3",
      about: "requester's open tickets → get each; run 1 had a single ticket (1 vs 3)",
      label: "Ticket status",
      runs: [
        { startedAt: "2025-06-03T13:30:00Z", data: { email: "sam.reed@acme.io", tickets: [{ id: 88120, subject: "SSO login loops back to the sign-in page" }] } },
        {
          startedAt: "2025-07-29T08:15:00Z",
          data: {
            email: "olivia.hart@northwind.co",
            tickets: [
              { id: 90211, subject: "CSV export is missing the VAT column" },
              { id: 90477, subject: "Can't add a second admin" },
              { id: 90502, subject: "Invoice for July not received" },
            ],
          },
        },
      ],
      play: (r, d) => {
        r.user(`Can you check on my open tickets? I'm ${d.email}`);
        r.call("search_tickets", { requester_email: d.email, status: "open" }, { tickets: d.tickets.map((t) => ({ id: t.id, subject: t.subject })), count: d.tickets.length });
        for (const t of d.tickets)
          r.call("get_ticket", { ticket_id: t.id }, { id: t.id, subject: t.subject, status: "open", priority: "normal", last_public_comment: "We're looking into it." });
        r.assistant("Here is where each of your tickets stands…");
      },
      user: (d) => [d.email],
    }),

    definePair({
      domain: "customer service",
      name: "refund-damaged-order",
      about: "order id + email from chat → order → (user says yes) refund its payment → email with the order id in the subject",
      label: "Refunds",
      runs: [
        { startedAt: "2025-07-11T10:40:00Z", data: { order: "A-20931", email: "lee.chen@example.com", total: 129.9, payment: "pay_3Jd82KQx", refund: "re_9Hk2Lm7v" } },
        { startedAt: "2025-10-02T17:25:00Z", data: { order: "B-77120", email: "a.kowalski@example.pl", total: 54.25, payment: "pay_8Wq1ZrTe", refund: "re_2Pf6Yc0n" } },
      ],
      play: (r, d) => {
        r.user(`Hi, order ${d.order} arrived damaged. Please refund it. My email is ${d.email}`);
        r.call("get_order", { order_id: d.order }, { id: d.order, email: d.email, total: d.total, currency: "USD", payment_id: d.payment, status: "delivered" });
        r.assistant(`I can refund the full $${d.total.toFixed(2)} to your original payment method. Shall I go ahead?`);
        r.user("yes please");
        r.call("refund_payment", { payment_id: d.payment, amount: d.total, reason: "damaged_item" }, { refund_id: d.refund, status: "succeeded" });
        r.call(
          "send_email",
          { to: d.email, subject: `Your refund for order ${d.order}`, template_id: "refund_confirmation", variables: { order_id: d.order, amount: d.total, refund_id: d.refund } },
          { message_id: `<${d.refund}@mail.example.com>`, accepted: true },
        );
        r.assistant("Done — the refund is on its way and you'll get a confirmation email.");
      },
      user: (d) => [d.order, d.email],
    }),

    definePair({
      domain: "customer service",
      name: "cancel-bookings-on-date",
      about: "email + a date from chat → that day's bookings → (user says yes) cancel each (2 vs 3)",
      label: "Salon bookings",
      style: "openai",
      runs: [
        { startedAt: "2025-08-10T18:00:00Z", data: { email: "p.novak@example.cz", customer: "cl_51822", date: "2025-08-14", bookings: [["BK-55102", "09:00", "Haircut"], ["BK-55117", "10:30", "Colour"]] } },
        {
          startedAt: "2025-10-29T07:50:00Z",
          data: { email: "r.silva@example.com.br", customer: "cl_60914", date: "2025-11-02", bookings: [["BK-61230", "11:00", "Manicure"], ["BK-61231", "12:00", "Pedicure"], ["BK-61240", "15:30", "Haircut"]] },
        },
      ],
      play: (r, d) => {
        r.user(`I need to cancel all my bookings on ${d.date}. Email is ${d.email}`);
        r.call("find_client", { email: d.email }, { client_id: d.customer, email: d.email });
        const list = r.call("list_bookings", { client_id: d.customer, date: d.date }, { bookings: d.bookings.map(([id, time, service]) => ({ booking_id: id, time, service })) });
        r.assistant(`You have ${list.bookings.length} bookings on ${d.date}: ${list.bookings.map((b) => `${b.service} at ${b.time}`).join(", ")}. Do you want me to cancel all of them?`);
        r.user("yes, cancel them");
        for (const b of list.bookings) r.call("cancel_booking", { booking_id: b.booking_id, reason: "client_request", notify_client: true }, { booking_id: b.booking_id, status: "cancelled" });
        r.assistant("All cancelled.");
      },
      user: (d) => [d.email, d.date],
    }),

    definePair({
      domain: "customer service",
      name: "billing-queue-text-listing",
      about: "ticket list as plain text (id = first word of each line) → get each (3 vs 2)",
      label: "Billing triage",
      runs: [
        {
          startedAt: "2025-07-01T06:00:00Z",
          data: { tickets: [["T-4411", "2025-06-30", "Refund not received"], ["T-4415", "2025-07-01", "Charged twice for June"], ["T-4419", "2025-07-01", "Invoice shows wrong address"]] },
        },
        { startedAt: "2025-09-09T06:00:00Z", data: { tickets: [["T-5120", "2025-09-08", "Card declined on renewal"], ["T-5127", "2025-09-09", "Need a W-9 form"]] } },
      ],
      play: (r, d) => {
        r.user("Go through the open tickets in the billing queue and pull up each one so we can triage.");
        r.call("list_open_tickets", { queue: "billing" }, d.tickets.map(([id, day, subject]) => `${id}  open  ${day}  ${subject}`).join("\n") + "\n");
        for (const [id, , subject] of d.tickets) r.call("get_ticket", { ticket_id: id }, { id, subject, status: "open", messages: 2, customer_tier: "pro" });
        r.assistant("Here's the triage summary…");
      },
      user: () => [],
    }),

    definePair({
      domain: "customer service",
      name: "update-address-pending-orders",
      about: "email + new address from chat → pending orders → update each with the address (2 vs 4; run 1 retried a 503)",
      label: "Address change",
      runs: [
        { startedAt: "2025-06-18T12:10:00Z", data: { email: "h.watson@example.co.uk", customer: "cus_W4tS0nH", address: "221B Baker Street, London NW1 6XE", orders: ["SO-100482", "SO-100519"], flaky: true } },
        {
          startedAt: "2025-12-01T09:45:00Z",
          data: { email: "j.potter@example.co.uk", customer: "cus_P0tt3rJ", address: "4 Privet Drive, Little Whinging, Surrey GU15 3AB", orders: ["SO-208811", "SO-208830", "SO-209002", "SO-209115"], flaky: false },
        },
      ],
      play: (r, d) => {
        r.user(`I moved! Please update the shipping address on all my pending orders to ${d.address}. My email is ${d.email}`);
        r.call("find_customer", { email: d.email }, { id: d.customer, email: d.email });
        r.call("list_orders", { customer_id: d.customer, status: "pending" }, { orders: d.orders.map((id) => ({ order_id: id, status: "pending", items: 2 })) });
        for (const [i, id] of d.orders.entries()) {
          if (d.flaky && i === 0) r.failedCall("update_order", { order_id: id, shipping_address: d.address }, "503 Service Unavailable");
          r.call("update_order", { order_id: id, shipping_address: d.address }, { order_id: id, shipping_address: d.address, updated: true });
        }
        r.assistant("All your pending orders now ship to the new address.");
      },
      user: (d) => [d.email, d.address],
    }),

    definePair({
      domain: "customer service",
      name: "pause-pro-subscription",
      about: "email from chat → subscriptions → pause the one on the plan the user named (its place in the list differs)",
      label: "Subscription pause",
      style: "openai",
      runs: [
        {
          startedAt: "2025-07-21T15:00:00Z",
          data: { email: "nina.k@example.com", customer: "cus_N1naK88", subs: [["sub_1Q2wE3rT", "Starter"], ["sub_9ZxY8wVu", "Pro"]], pick: "sub_9ZxY8wVu" },
        },
        {
          startedAt: "2025-10-06T10:30:00Z",
          data: { email: "b.ito@example.com", customer: "cus_B1t0x42", subs: [["sub_4Hg5Jk6L", "Pro"], ["sub_7Mn8Bv9C", "Team"], ["sub_0Xc1Za2S", "Starter"]], pick: "sub_4Hg5Jk6L" },
        },
      ],
      play: (r, d) => {
        r.user(`Please pause my Pro subscription. Account email ${d.email}`);
        r.call("find_customer", { email: d.email }, { id: d.customer, email: d.email });
        r.call("list_subscriptions", { customer_id: d.customer }, { subscriptions: d.subs.map(([id, plan]) => ({ id, plan, status: "active" })) });
        r.call("pause_subscription", { subscription_id: d.pick, behavior: "void" }, { id: d.pick, pause_collection: { behavior: "void" } });
        r.assistant("Your Pro subscription is paused.");
      },
      user: (d) => [d.email],
    }),

    definePair({
      domain: "customer service",
      name: "tracking-email-per-order",
      about: "email from chat → shipped orders → one email per order with its id in the subject (2 vs 3)",
      label: "Tracking emails",
      runs: [
        { startedAt: "2025-08-05T14:00:00Z", data: { email: "f.dubois@example.fr", orders: [["ORD-73310", "1Z999AA10123456784"], ["ORD-73352", "1Z999AA10123456791"]] } },
        { startedAt: "2025-11-11T11:11:00Z", data: { email: "m.rossi@example.it", orders: [["ORD-80114", "1Z999AA10123457010"], ["ORD-80190", "1Z999AA10123457023"], ["ORD-80207", "1Z999AA10123457037"]] } },
      ],
      play: (r, d) => {
        r.user(`Please send me the tracking numbers for my shipped orders, one email per order. I'm ${d.email}`);
        r.call("list_orders", { email: d.email, status: "shipped" }, { orders: d.orders.map(([id, tracking]) => ({ id, tracking_number: tracking, carrier: "UPS" })) });
        for (const [id, tracking] of d.orders)
          r.call("send_email", { to: d.email, subject: `Tracking for order ${id}`, template_id: "tracking_update", variables: { order_id: id, tracking_number: tracking } }, { accepted: true });
        r.assistant("Sent!");
      },
      user: (d) => [d.email],
    }),
  ];
}
