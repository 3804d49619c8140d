export { MCP_PATH, mcpPlugin } from './mcp-plugin.js';
export type { McpPluginOptions } from './mcp-plugin.js';
export { CHAT_MESSAGES_TEMPLATE, STATUS_URI, chatMessagesUri } from './resources.js';
export { SessionRegistry } from './session-registry.js';
export { TOOLS, TOOL_PREFIX, callTool } from './tools.js';
