/** console/build.js: builds the query IDE and the console into console/dist/. */
export declare function build(options?: { quiet?: boolean; outdir?: string }): Promise<unknown>;
/** Whether console/dist/ holds every page's script. */
export declare function isBuilt(): boolean;
/** console/dist/, where the gateway serves them from by default. */
export declare const CONSOLE_DIST: string;
