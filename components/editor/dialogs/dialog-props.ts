/** What every editor dialog takes: whether it is open, and how to close it. */
export type DialogProps = { open: boolean; onClose: () => void };
