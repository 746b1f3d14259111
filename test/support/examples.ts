/** The document's Create Conversation example, verbatim. */
export const documentExample = {
  type: "email",
  mailboxId: 1,
  subject: "Hi there",
  customer: { email: "mark@example.org" },
  threads: [
    { text: "This is the message from a user", type: "message", user: 7 },
    { text: "This is the note from a user", type: "note", user: 7 },
    { text: "This is the message from a customer", type: "customer", cc: ["antony@example.org"], customer: { email: "mark@example.org", firstName: "Mark" } },
  ],
  imported: false,
  assignTo: 15,
  status: "active",
  customFields: [
    { id: 37, value: "Some text" },
    { id: 18, value: 3 },
  ],
  createdAt: "2020-03-16T14:07:23Z",
  closedAt: "2020-03-16T14:07:23Z",
};

