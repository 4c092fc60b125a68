/** The id the top bar's toggle points at (aria-controls); apart so the toggle does not pull in the panel's code. */
export const BRICS_PANEL_ID = 'brics-panel'
