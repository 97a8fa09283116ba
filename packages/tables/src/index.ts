export { allTables } from "./all-tables.js";
