/** The facilitator panel's element id (the top-bar toggle's `aria-controls`); apart so the toggle does not pull in the panel's code. */
export const SESSION_PANEL_ID = 'session-panel'
