import type { AppModule, ModuleParams } from "../../types/module.js";

/**
 * The ParameterChangeProposal subspaces: the assembled modules' params, by module name. The gov
 * keeper is built before the module list, so the list is registered after and indexed on first use.
 */
export class Subspaces {
  private modules: readonly AppModule[] = [];
  private index: Map<string, ModuleParams> | undefined;

  /** Records the chain's module list and returns it unchanged. */
  register(modules: AppModule[]): AppModule[] {
    this.modules = modules;
    this.index = undefined;
    return modules;
  }

  readonly lookup = (subspace: string): ModuleParams | undefined => {
    this.index ??= new Map(this.modules.flatMap((m) => (m.params ? [[m.name, m.params] as const] : [])));
    return this.index.get(subspace);
  };
}
