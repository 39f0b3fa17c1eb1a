/** Keyset paging shared by the admin lists: the cursors walked so far and the 上一页 / 下一页 buttons. */
export { Pager } from './Pager';
export { useCursors } from './useCursors';
