/** Every endpoint, one file each under src/routes/<resource>/. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env";
import * as createApiKey from "./apiKeys/createApiKey";
import * as listApiKeys from "./apiKeys/listApiKeys";
import * as revokeApiKey from "./apiKeys/revokeApiKey";
import * as deleteConversationAttachment from "./attachments/deleteConversationAttachment";
import * as downloadAttachment from "./attachments/downloadAttachment";
import * as listConversationAttachments from "./attachments/listConversationAttachments";
import * as createConversation from "./conversations/createConversation";
import * as createConversationTimelog from "./conversations/createConversationTimelog";
import * as createThread from "./conversations/createThread";
import * as deleteConversation from "./conversations/deleteConversation";
import * as getConversation from "./conversations/getConversation";
import * as listConversations from "./conversations/listConversations";
import * as listConversationTimelogs from "./conversations/listConversationTimelogs";
import * as updateConversation from "./conversations/updateConversation";
import * as updateConversationCustomFields from "./conversations/updateConversationCustomFields";
import * as updateConversationTags from "./conversations/updateConversationTags";
import * as createCustomerField from "./customerFields/createCustomerField";
import * as listCustomerFields from "./customerFields/listCustomerFields";
import * as createCustomer from "./customers/createCustomer";
import * as deleteCustomer from "./customers/deleteCustomer";
import * as getCustomer from "./customers/getCustomer";
import * as listCustomers from "./customers/listCustomers";
import * as updateCustomer from "./customers/updateCustomer";
import * as updateCustomerFields from "./customers/updateCustomerFields";
import * as createMailbox from "./mailboxes/createMailbox";
import * as createMailboxCustomField from "./mailboxes/createMailboxCustomField";
import * as grantMailboxAccess from "./mailboxes/grantMailboxAccess";
import * as listMailboxCustomFields from "./mailboxes/listMailboxCustomFields";
import * as listMailboxes from "./mailboxes/listMailboxes";
import * as listMailboxFolders from "./mailboxes/listMailboxFolders";
import * as revokeMailboxAccess from "./mailboxes/revokeMailboxAccess";
import * as updateMailbox from "./mailboxes/updateMailbox";
import * as ping from "./system/ping";
import * as listTags from "./tags/listTags";
import * as deleteThread from "./threads/deleteThread";
import * as updateThread from "./threads/updateThread";
import * as createUser from "./users/createUser";
import * as deleteUser from "./users/deleteUser";
import * as getUser from "./users/getUser";
import * as listUsers from "./users/listUsers";
import * as createWebhook from "./webhooks/createWebhook";
import * as deleteWebhook from "./webhooks/deleteWebhook";
import * as listWebhookDeliveries from "./webhooks/listWebhookDeliveries";
import * as listWebhooks from "./webhooks/listWebhooks";
import * as pingWebhook from "./webhooks/pingWebhook";
import * as redeliverDelivery from "./webhooks/redeliverDelivery";
import * as redeliverFailed from "./webhooks/redeliverFailed";
import * as updateWebhook from "./webhooks/updateWebhook";

export function registerRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listConversations.route, listConversations.handler);
  app.openapi(createConversation.route, createConversation.handler);
  app.openapi(getConversation.route, getConversation.handler);
  app.openapi(updateConversation.route, updateConversation.handler);
  app.openapi(deleteConversation.route, deleteConversation.handler);
  app.openapi(updateConversationCustomFields.route, updateConversationCustomFields.handler);
  app.openapi(updateConversationTags.route, updateConversationTags.handler);
  app.openapi(createThread.route, createThread.handler, createThread.hook);
  app.openapi(updateThread.route, updateThread.handler);
  app.openapi(deleteThread.route, deleteThread.handler);
  app.openapi(downloadAttachment.route, downloadAttachment.handler);
  app.openapi(listConversationAttachments.route, listConversationAttachments.handler);
  app.openapi(deleteConversationAttachment.route, deleteConversationAttachment.handler);
  app.openapi(listConversationTimelogs.route, listConversationTimelogs.handler);
  app.openapi(createConversationTimelog.route, createConversationTimelog.handler);

  app.openapi(createUser.route, createUser.handler);
  app.openapi(getUser.route, getUser.handler);
  app.openapi(deleteUser.route, deleteUser.handler);
  app.openapi(listUsers.route, listUsers.handler);

  app.openapi(listMailboxes.route, listMailboxes.handler);
  app.openapi(createMailbox.route, createMailbox.handler);
  app.openapi(updateMailbox.route, updateMailbox.handler);
  app.openapi(listMailboxCustomFields.route, listMailboxCustomFields.handler);
  app.openapi(createMailboxCustomField.route, createMailboxCustomField.handler);
  app.openapi(listMailboxFolders.route, listMailboxFolders.handler);
  app.openapi(grantMailboxAccess.route, grantMailboxAccess.handler);
  app.openapi(revokeMailboxAccess.route, revokeMailboxAccess.handler);

  app.openapi(listCustomers.route, listCustomers.handler);
  app.openapi(createCustomer.route, createCustomer.handler);
  app.openapi(getCustomer.route, getCustomer.handler);
  app.openapi(updateCustomer.route, updateCustomer.handler);
  app.openapi(deleteCustomer.route, deleteCustomer.handler);
  app.openapi(updateCustomerFields.route, updateCustomerFields.handler);
  app.openapi(listCustomerFields.route, listCustomerFields.handler);
  app.openapi(createCustomerField.route, createCustomerField.handler);

  app.openapi(listTags.route, listTags.handler);

  app.openapi(listApiKeys.route, listApiKeys.handler);
  app.openapi(createApiKey.route, createApiKey.handler);
  app.openapi(revokeApiKey.route, revokeApiKey.handler);

  app.openapi(listWebhooks.route, listWebhooks.handler);
  app.openapi(createWebhook.route, createWebhook.handler);
  app.openapi(updateWebhook.route, updateWebhook.handler);
  app.openapi(deleteWebhook.route, deleteWebhook.handler);
  app.openapi(pingWebhook.route, pingWebhook.handler);
  app.openapi(redeliverDelivery.route, redeliverDelivery.handler);
  app.openapi(redeliverFailed.route, redeliverFailed.handler);
  app.openapi(listWebhookDeliveries.route, listWebhookDeliveries.handler);

  app.openapi(ping.route, ping.handler);
}
