/** The document's Create Conversation example, verbatim. */
export const documentExample = {
  type: "email",
  mailboxId: 1,
  subject: "Hi there",
  customer: { email: "mark@example.org" },
  threads: [
    { text: "This is the message from a user", type: "message", user: 7 },
    { text: "This is the note from a user", type: "note", user: 7 },
    {
      text: "This is the message from a customer",
      type: "customer",
      cc: ["antony@example.org"],
      customer: { email: "mark@example.org", firstName: "Mark" },
    },
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

/** The document's Create Customer example, verbatim. */
export const createCustomerExample = {
  firstName: "Mark",
  lastName: "Morrison",
  phone: "777-777-777",
  photoUrl: "https://example.org/upload/customer.jpg",
  jobTitle: "Secretary",
  photoType: "unknown",
  address: { city: "LA", state: "California", zip: "123123", country: "US", address: "1419 Westwood Blvd" },
  notes: "Nothing special to say",
  company: "Example, Inc",
  emails: [{ value: "mark@example.org", type: "home" }],
  phones: [{ value: "777-777-777", type: "home" }],
  socialProfiles: [{ value: "@markexample", type: "twitter" }],
  websites: [{ value: "https://example.org" }],
};

/** The document's Update Customer example, verbatim. */
export const updateCustomerExample = {
  ...createCustomerExample,
  emails: ["mark@example.org", "admin@example.org"],
  emails_add: ["mark.new1@example.org", "mark.new2@example.org"],
};
